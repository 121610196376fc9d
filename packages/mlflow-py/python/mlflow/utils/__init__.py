"""Internal helpers of Lathe's MLflow client (URIs, HTTP, batching, YAML)."""
