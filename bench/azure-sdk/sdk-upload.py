# `ml_client.data.create_or_update(Data(path=<folder>, type="uri_folder", ...))`, timed: prints
# JSON marks on stdout as sdk-job.py does, plus how long the SDK spent hashing the folder
# (get_object_hash, which decides whether to upload) and uploading it (upload_directory, the
# Blob requests), and the blob path it uploaded to.
#
#   python3 sdk-upload.py <folder> <data name> <version>
import json
import sys
import time


def mark(label, **extra):
    print(json.dumps({"mark": label, "t": time.time() * 1000, **extra}), flush=True)


mark("interpreter")

import azure.ai.ml._artifacts._artifact_utilities as artifact_utilities
import azure.ai.ml._artifacts._blob_storage_helper as blob_storage_helper
from azure.ai.ml import MLClient
from azure.ai.ml.entities import Data
from azure.identity import DefaultAzureCredential


def timed(module, attribute, label):
    inner = getattr(module, attribute)

    def wrapper(*args, **kwargs):
        start = time.time() * 1000
        result = inner(*args, **kwargs)
        mark(label, start=start)
        return result

    setattr(module, attribute, wrapper)


timed(artifact_utilities, "get_object_hash", "hashed")
timed(blob_storage_helper, "upload_directory", "uploaded")
upload = blob_storage_helper.BlobStorageClient.upload


def upload_and_report(self, *args, **kwargs):
    info = upload(self, *args, **kwargs)
    mark("remote-path", path=info["remote path"])
    return info


blob_storage_helper.BlobStorageClient.upload = upload_and_report

folder, name, version = sys.argv[1:4]
ml_client = MLClient(DefaultAzureCredential(), subscription_id="00000000-1111-2222-3333-444444444444",
                     resource_group_name="my-rg", workspace_name="default")
mark("client")
ml_client.data.create_or_update(Data(path=folder, type="uri_folder", name=name, version=version))
mark("registered")
