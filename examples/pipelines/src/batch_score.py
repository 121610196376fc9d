"""A parallel step's entry script: init() loads the model once per worker, run() predicts a mini-batch of CSV files."""
import argparse
import os
import pickle

import pandas as pd

model = None


def init():
    global model
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    args, _ = parser.parse_known_args()
    with open(os.path.join(args.model, "model.pkl"), "rb") as f:
        model = pickle.load(f)
    print(f"worker {os.getpid()} loaded the model")


def run(mini_batch):
    rows = []
    for path in mini_batch:
        frame = pd.read_csv(path)
        predicted = model.predict(frame.drop(columns=["species"]))
        for index, (truth, guess) in enumerate(zip(frame["species"], predicted)):
            rows.append(f"{os.path.basename(path)},{index},{truth},{guess}")
    return rows
