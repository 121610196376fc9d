from azure.ai.ml import MLClient, command
from azure.identity import DefaultAzureCredential

ml_client = MLClient(DefaultAzureCredential(), subscription_id="00000000-0000-0000-0000-000000000000",
                     resource_group_name="local", workspace_name="default")
job = command(
    code="./src",
    command="python train.py --data ${{inputs.input_data}}",
    inputs={"input_data": {"type": "uri_folder", "path": "azureml:diabetes-data:1"}},
    environment="azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest",
    compute="cpu-cluster",
    display_name="sklearn-training-job",
    description="Treinamento de modelo Sklearn para diabetes",
)
returned_job = ml_client.jobs.create_or_update(job)
print(f"Job submitted. Studio link: {returned_job.studio_url}")
