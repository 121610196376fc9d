"""Predict the held-out test set with the trained model; the predictions go to the scored output."""
import argparse
import os
import pickle

import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("--model-dir", required=True)
parser.add_argument("--prepared", required=True)
parser.add_argument("--scored", required=True)
args = parser.parse_args()

with open(os.path.join(args.model_dir, "model.pkl"), "rb") as f:
    model = pickle.load(f)
test = pd.read_csv(os.path.join(args.prepared, "test.csv"))
scored = pd.DataFrame({"species": test["species"], "predicted": model.predict(test.drop(columns=["species"]))})
os.makedirs(args.scored, exist_ok=True)
scored.to_csv(os.path.join(args.scored, "predictions.csv"), index=False)
print(f"scored {len(scored)} test rows")
