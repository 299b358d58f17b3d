// libtorch's random generator and thread count are process-wide: tests that seed it (training, dropout,
// augmentation, resume equality) would disturb each other if they ran in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
