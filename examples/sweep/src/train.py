"""Train a linear classifier on scikit-learn's digits, one epoch at a time, for a sweep.

Written as for Azure ML: hyperparameters arrive as command-line arguments (the sweep fills them
in from `${{search_space.<name>}}`), MLflow records the validation accuracy after every epoch
(each logging is one interval for early termination) and the model is saved to the output folder.
"""
import argparse
import json
import os
import pickle
import time

import mlflow
import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--alpha", type=float, required=True, help="regularisation strength")
    parser.add_argument("--loss", default="hinge", help="hinge, log_loss, modified_huber, ...")
    parser.add_argument("--eta0", type=float, default=0.01, help="initial learning rate")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--epoch-seconds", type=float, default=0.0, help="pause after each epoch, to stand for a longer one")
    parser.add_argument("--model-dir", required=True)
    args = parser.parse_args()
    with mlflow.start_run():
        mlflow.log_params({"alpha": args.alpha, "loss": args.loss, "eta0": args.eta0})
        train(args)


def train(args):
    x, y = load_digits(return_X_y=True)
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.3, random_state=0, stratify=y)
    scaler = StandardScaler().fit(x_train)
    x_train, x_val = scaler.transform(x_train), scaler.transform(x_val)
    model = SGDClassifier(alpha=args.alpha, loss=args.loss, learning_rate="constant", eta0=args.eta0, random_state=0)
    classes = np.unique(y)
    rng = np.random.default_rng(0)
    for epoch in range(1, args.epochs + 1):
        order = rng.permutation(len(x_train))
        model.partial_fit(x_train[order], y_train[order], classes=classes)
        accuracy = float(model.score(x_val, y_val))
        mlflow.log_metric("val_accuracy", accuracy, step=epoch)
        print(f"epoch {epoch}: val_accuracy {accuracy:.4f}", flush=True)
        time.sleep(args.epoch_seconds)
    os.makedirs(args.model_dir, exist_ok=True)
    with open(os.path.join(args.model_dir, "model.pkl"), "wb") as f:
        pickle.dump({"scaler": scaler, "model": model}, f)
    with open(os.path.join(args.model_dir, "metrics.json"), "w") as f:
        json.dump({"val_accuracy": accuracy, "alpha": args.alpha, "loss": args.loss, "eta0": args.eta0}, f)


if __name__ == "__main__":
    main()
