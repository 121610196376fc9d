"""Shared behaviour of entity classes: equality by attributes and a readable ``repr``."""


class _Entity:
    """Base of the entity classes: two entities are equal when their public properties are."""

    def _properties(self):
        return sorted(
            name for name in dir(type(self)) if isinstance(getattr(type(self), name), property)
        )

    def __iter__(self):
        for name in self._properties():
            yield name, getattr(self, name)

    def __eq__(self, other):
        return type(self) is type(other) and dict(self) == dict(other)

    def __repr__(self):
        fields = ", ".join(f"{name}={value!r}" for name, value in self)
        return f"<{type(self).__name__}: {fields}>"
