"""Split the iris CSV into a training and a test set, written to the output folder."""
import argparse
import os

import pandas as pd
from sklearn.model_selection import train_test_split

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--test-size", type=float, default=0.3)
parser.add_argument("--out", required=True)
args = parser.parse_args()

frame = pd.read_csv(args.data)
train, test = train_test_split(frame, test_size=args.test_size, random_state=0, stratify=frame["species"])
os.makedirs(args.out, exist_ok=True)
train.to_csv(os.path.join(args.out, "train.csv"), index=False)
test.to_csv(os.path.join(args.out, "test.csv"), index=False)
print(f"prepared {len(train)} training and {len(test)} test rows")
