"""Train a logistic regression on the iris CSV and save it to the model folder.

Written as for Azure ML: inputs and outputs arrive as command-line paths, and MLflow records the
parameters, the training metrics (autolog) and the test accuracy on the job's run.
"""
import argparse
import json
import os
import pickle

import mlflow
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, help="CSV with four features and a species column")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--max-iter", type=int, default=200)
    parser.add_argument("--model-dir", required=True)
    args = parser.parse_args()

    mlflow.sklearn.autolog(log_models=False)
    # Inside a Lathe (or Azure ML) job this attaches to the job's own run.
    with mlflow.start_run():
        train(args)


def train(args):
    frame = pd.read_csv(args.data)
    features = frame.drop(columns=["species"])
    x_train, x_test, y_train, y_test = train_test_split(
        features, frame["species"], test_size=0.3, random_state=42, stratify=frame["species"]
    )
    model = LogisticRegression(C=args.C, max_iter=args.max_iter)
    model.fit(x_train, y_train)
    accuracy = accuracy_score(y_test, model.predict(x_test))
    print(f"trained on {len(x_train)} rows, tested on {len(x_test)}")
    print(f"accuracy: {accuracy:.4f}")
    mlflow.log_metric("test_accuracy", accuracy)

    os.makedirs(args.model_dir, exist_ok=True)
    with open(os.path.join(args.model_dir, "model.pkl"), "wb") as f:
        pickle.dump(model, f)
    with open(os.path.join(args.model_dir, "metrics.json"), "w") as f:
        json.dump({"accuracy": accuracy, "C": args.C}, f)
    os.makedirs("outputs", exist_ok=True)
    with open(os.path.join("outputs", "score.txt"), "w") as f:
        f.write(f"{accuracy:.4f}\n")


if __name__ == "__main__":
    main()
