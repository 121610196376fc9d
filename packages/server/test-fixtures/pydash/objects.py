"""pydash.objects.set_ for the azure-ai-ml test stand-in: sets a dotted path, making dicts on the way."""


def set_(obj, path, value):
    keys = path if isinstance(path, (list, tuple)) else str(path).split(".")
    current = obj
    for key in keys[:-1]:
        if isinstance(current, list):
            current = current[int(key)]
            continue
        if not isinstance(current.get(key), (dict, list)):
            current[key] = {}
        current = current[key]
    if isinstance(current, list):
        current[int(keys[-1])] = value
    else:
        current[keys[-1]] = value
    return obj
