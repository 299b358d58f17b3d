# Overhead of one tiny sweep task on a running Slurm against the same task run directly (1 thread each): README "Slurm".
# Usage: SLURM_CONF=... python3 tests/slurm/measure_overhead.py experiments/bin/Debug/net10.0/MlNetVision.Experiments.dll REPEATS
# Works in a temporary folder (removed at the end); prints one JSON line of seconds per repeat, then the means.
import atexit, json, os, random, re, shutil, subprocess, sys, tempfile, time, datetime
D = tempfile.mkdtemp(prefix="mlnetvision-slurm-overhead-")
atexit.register(shutil.rmtree, D, True)
DLL = os.path.abspath(sys.argv[1])
data = os.path.join(D, "data"); os.makedirs(data, exist_ok=True)
rng = random.Random(0)
for name, n in [(f"data_batch_{i}.bin", 4) for i in range(1, 6)] + [("test_batch.bin", 10)]:
    with open(os.path.join(data, name), "wb") as f:
        for r in range(n): f.write(bytes([r % 10]) + bytes(rng.randrange(256) for _ in range(3072)))
open(os.path.join(data, "batches.meta.txt"), "w").write("\n".join(["airplane","automobile","bird","cat","deer","dog","frog","horse","ship","truck"]) + "\n")

def sweep(name):
    path = os.path.join(D, name + ".json")
    json.dump({"name": name, "output": os.path.join(D, name), "base": {"extends": "simple-cnn", "name": "tiny", "data": data, "recipe": {"epochs": 1, "batchSize": 8}}, "grid": {"seed": [0]}}, open(path, "w"))
    return path

def wait_for(path, text, timeout=120):
    t0 = time.time()
    while time.time() - t0 < timeout:
        if os.path.exists(path) and text in open(path, errors="replace").read(): return time.time()
        time.sleep(0.005)
    raise SystemExit(f"timed out waiting for {text!r} in {path}")

def stamp(s): return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()

rows = []
for rep in range(int(sys.argv[2])):
    # direct: sweep task in the foreground, its stderr to a file polled for the first step
    path = sweep(f"direct{rep}"); log = os.path.join(D, f"direct{rep}.log")
    t0 = time.time()
    p = subprocess.Popen(["dotnet", DLL, "sweep", "task", path, "--index", "0", "--threads", "1"], stdout=open(log, "w"), stderr=subprocess.STDOUT)
    first = wait_for(log, "step 1/"); p.wait(); end = time.time()
    # slurm: sweep run --executor slurm; the batch script stamps its start; its log polled for the first step
    path = sweep(f"slurm{rep}"); out = os.path.join(D, f"slurm{rep}", "slurm", "task-0.out")
    s0 = time.time()
    subprocess.run(["dotnet", DLL, "sweep", "run", path, "--executor", "slurm", "--cpus-per-task", "1"], check=True, capture_output=True)
    submitted = time.time()
    sfirst = wait_for(out, "step 1/"); sdone = wait_for(out, "exited with code"); 
    text = open(out).read()
    started = stamp(re.search(r"started (\S+)", text).group(1)); ended = stamp(re.search(r"exited with code 0 at (\S+)", text).group(1))
    task = json.load(open(os.path.join(D, f"slurm{rep}", "tasks", "tiny.seed-0", "task.json")))
    cli = datetime.datetime.fromisoformat(task["startedUtc"].replace("Z", "+00:00")).timestamp()
    rows.append(dict(direct_start_to_first_step=first - t0, direct_total=end - t0,
                     sweep_run_cli=submitted - s0, submit_to_batch_start=started - submitted, batch_start_to_task_cli=cli - started,
                     batch_start_to_first_step=sfirst - started, slurm_submit_to_task_end=ended - submitted))
    print(json.dumps({k: round(v, 3) for k, v in rows[-1].items()}), flush=True)
print("mean", json.dumps({k: round(sum(r[k] for r in rows) / len(rows), 3) for k in rows[0]}))
