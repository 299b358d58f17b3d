// Tests seed libtorch's one global generator (torch.random.manual_seed) and then build models from it; run in
// parallel, another test class could draw from the generator in between. On 2-core machines the parallelism
// bought little anyway: libtorch already uses every core.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
