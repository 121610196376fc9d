"""Train a logistic regression on the prepared training set and save it."""
import argparse
import os
import pickle

import mlflow
import pandas as pd
from sklearn.linear_model import LogisticRegression

parser = argparse.ArgumentParser()
parser.add_argument("--prepared", required=True)
parser.add_argument("--C", type=float, default=1.0)
parser.add_argument("--model-dir", required=True)
args = parser.parse_args()

frame = pd.read_csv(os.path.join(args.prepared, "train.csv"))
model = LogisticRegression(C=args.C, max_iter=500).fit(frame.drop(columns=["species"]), frame["species"])
with mlflow.start_run():
    mlflow.log_param("C", args.C)
    mlflow.log_metric("train_accuracy", model.score(frame.drop(columns=["species"]), frame["species"]))
os.makedirs(args.model_dir, exist_ok=True)
with open(os.path.join(args.model_dir, "model.pkl"), "wb") as f:
    pickle.dump(model, f)
print("model saved")
