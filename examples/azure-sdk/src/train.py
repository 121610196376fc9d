"""Train a ridge regression on the diabetes data and keep the model in ./outputs.

Written as for Azure ML: the data folder arrives as a command-line path, MLflow records the
parameters and metrics on the job's run, and what is written to ./outputs is the job's output.
"""
import argparse
import os
import pickle

import mlflow
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import train_test_split


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, help="folder holding diabetes.csv")
    parser.add_argument("--alpha", type=float, default=1.0)
    args = parser.parse_args()

    frame = pd.read_csv(os.path.join(args.data, "diabetes.csv"))
    features, target = frame.drop(columns=["target"]), frame["target"]
    x_train, x_test, y_train, y_test = train_test_split(features, target, test_size=0.25, random_state=0)
    with mlflow.start_run():
        model = Ridge(alpha=args.alpha).fit(x_train, y_train)
        predicted = model.predict(x_test)
        mlflow.log_param("alpha", args.alpha)
        mlflow.log_metric("rmse", mean_squared_error(y_test, predicted) ** 0.5)
        mlflow.log_metric("r2", r2_score(y_test, predicted))
        print(f"trained on {len(x_train)} rows: r2 {r2_score(y_test, predicted):.3f}")
    os.makedirs("outputs", exist_ok=True)
    with open(os.path.join("outputs", "model.pkl"), "wb") as out:
        pickle.dump(model, out)


if __name__ == "__main__":
    main()
