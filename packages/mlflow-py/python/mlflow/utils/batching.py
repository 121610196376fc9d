"""Splitting of metrics, params and tags into ``runs/log-batch`` requests (pure).

MLflow's limits per request: at most 1000 metrics, 100 params, 100 tags and 1000 entries in
all. :func:`split_batches` fills each request as far as those limits allow, keeping the order
of each kind, so no request is rejected for size and no entry is dropped.
"""

MAX_METRICS_PER_BATCH = 1000
MAX_PARAMS_TAGS_PER_BATCH = 100
MAX_ENTITIES_PER_BATCH = 1000


def split_batches(metrics=(), params=(), tags=()):
    """A list of ``(metrics, params, tags)`` triples, each within MLflow's log-batch limits.

    Params and tags go first (a run's params are few and matter to anyone reading it early),
    then metrics fill the remaining room. Empty input gives an empty list.
    """
    metrics, params, tags = list(metrics), list(params), list(tags)
    batches = []
    while metrics or params or tags:
        batch_params = params[:MAX_PARAMS_TAGS_PER_BATCH]
        params = params[len(batch_params) :]
        room = MAX_ENTITIES_PER_BATCH - len(batch_params)
        batch_tags = tags[: min(MAX_PARAMS_TAGS_PER_BATCH, room)]
        tags = tags[len(batch_tags) :]
        room -= len(batch_tags)
        batch_metrics = metrics[: min(MAX_METRICS_PER_BATCH, room)]
        metrics = metrics[len(batch_metrics) :]
        batches.append((batch_metrics, batch_params, batch_tags))
    return batches
