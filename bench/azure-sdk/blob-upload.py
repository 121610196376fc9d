# One file uploaded straight with azure-storage-blob's upload_blob, as the SDK uploads each file
# (same max_concurrency), without the SDK around it. Prints JSON marks as sdk-job.py does.
#
#   python3 blob-upload.py <account url> <account key> <container> <file> <blob name>
import json
import sys
import time


def mark(label, **extra):
    print(json.dumps({"mark": label, "t": time.time() * 1000, **extra}), flush=True)


mark("interpreter")
from azure.storage.blob import BlobServiceClient

account_url, key, container, path, blob = sys.argv[1:6]
client = BlobServiceClient(account_url=account_url, credential=key).get_blob_client(container, blob)
mark("client")
start = time.time() * 1000
with open(path, "rb") as data:
    client.upload_blob(data, overwrite=True, max_concurrency=16)
mark("uploaded", start=start)
