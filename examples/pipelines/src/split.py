"""Split the prepared test set into small CSV files, the way batch-scoring input often arrives."""
import argparse
import os

import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("--prepared", required=True)
parser.add_argument("--rows", type=int, default=5)
parser.add_argument("--out", required=True)
args = parser.parse_args()

test = pd.read_csv(os.path.join(args.prepared, "test.csv"))
os.makedirs(args.out, exist_ok=True)
for start in range(0, len(test), args.rows):
    test.iloc[start : start + args.rows].to_csv(os.path.join(args.out, f"part-{start // args.rows:03d}.csv"), index=False)
print(f"wrote {-(-len(test) // args.rows)} files of up to {args.rows} rows")
