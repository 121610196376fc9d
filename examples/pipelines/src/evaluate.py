"""Compare the predictions with the truth: accuracy and per-class recall go to MLflow and the report."""
import argparse
import json
import os

import mlflow
import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("--scored", required=True)
parser.add_argument("--min-accuracy", type=float, default=0.8)
parser.add_argument("--report", required=True)
args = parser.parse_args()

scored = pd.read_csv(os.path.join(args.scored, "predictions.csv"))
correct = scored["species"] == scored["predicted"]
accuracy = float(correct.mean())
recall = {str(species): float(group.mean()) for species, group in correct.groupby(scored["species"])}
with mlflow.start_run():
    mlflow.log_metric("test_accuracy", accuracy)
    for species, value in recall.items():
        mlflow.log_metric(f"recall_{species}", value)
os.makedirs(args.report, exist_ok=True)
report = {"test_accuracy": accuracy, "rows": len(scored), "recall": recall, "min_accuracy": args.min_accuracy, "passed": accuracy >= args.min_accuracy}
with open(os.path.join(args.report, "report.json"), "w") as f:
    json.dump(report, f, indent=2)
print(f"test accuracy {accuracy:.4f} ({'passed' if report['passed'] else 'below'} the bar of {args.min_accuracy})")
