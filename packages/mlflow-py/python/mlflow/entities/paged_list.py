"""A list page with the token of the next page, as MLflow's ``PagedList``."""


class PagedList(list):
    """A list of results; ``token`` is the next page's token, or None on the last page."""

    def __init__(self, items, token):
        super().__init__(items)
        self.token = token

    def to_list(self):
        """The results as a plain list."""
        return list(self)
