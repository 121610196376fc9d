"""Which runs or experiments a search returns, as MLflow's ``ViewType``."""


class ViewType:
    """Search view: active, deleted or all; the REST API carries the names."""

    ACTIVE_ONLY, DELETED_ONLY, ALL = 1, 2, 3
    _NAMES = {1: "ACTIVE_ONLY", 2: "DELETED_ONLY", 3: "ALL"}

    @classmethod
    def to_string(cls, view_type):
        """The REST name of a view type (a name passes through unchanged)."""
        if isinstance(view_type, str):
            return view_type.upper()
        return cls._NAMES[view_type]

    @classmethod
    def from_string(cls, view_str):
        """The value of a view name."""
        return {name: value for value, name in cls._NAMES.items()}[view_str.upper()]
