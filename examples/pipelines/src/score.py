"""Score the model on the test set; the accuracy goes to MLflow and to the report output."""
import argparse
import json
import os
import pickle

import mlflow
import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("--model-dir", required=True)
parser.add_argument("--prepared", required=True)
parser.add_argument("--report", required=True)
args = parser.parse_args()

with open(os.path.join(args.model_dir, "model.pkl"), "rb") as f:
    model = pickle.load(f)
test = pd.read_csv(os.path.join(args.prepared, "test.csv"))
accuracy = float(model.score(test.drop(columns=["species"]), test["species"]))
with mlflow.start_run():
    mlflow.log_metric("test_accuracy", accuracy)
os.makedirs(args.report, exist_ok=True)
with open(os.path.join(args.report, "report.json"), "w") as f:
    json.dump({"test_accuracy": accuracy, "rows": len(test)}, f)
print(f"test accuracy {accuracy:.4f}")
