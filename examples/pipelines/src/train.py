"""Train a logistic regression on the prepared training set and save it; its 5-fold cross-validated accuracy is what a sweep over C compares."""
import argparse
import os
import pickle

import mlflow
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

parser = argparse.ArgumentParser()
parser.add_argument("--prepared", required=True)
parser.add_argument("--C", type=float, default=1.0)
parser.add_argument("--model-dir", required=True)
args = parser.parse_args()

frame = pd.read_csv(os.path.join(args.prepared, "train.csv"))
features, labels = frame.drop(columns=["species"]), frame["species"]
cv_accuracy = float(cross_val_score(LogisticRegression(C=args.C, max_iter=500), features, labels, cv=5).mean())
model = LogisticRegression(C=args.C, max_iter=500).fit(features, labels)
with mlflow.start_run():
    mlflow.log_param("C", args.C)
    mlflow.log_metric("cv_accuracy", cv_accuracy)
    mlflow.log_metric("train_accuracy", model.score(features, labels))
os.makedirs(args.model_dir, exist_ok=True)
with open(os.path.join(args.model_dir, "model.pkl"), "wb") as f:
    pickle.dump(model, f)
print(f"model saved (C={args.C}, cross-validated accuracy {cv_accuracy:.4f})")
