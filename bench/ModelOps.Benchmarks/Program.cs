using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// One launch and few iterations, so the suite fits in about two minutes on a 2-core box. The benchmarks keep
// their own process (BenchmarkDotNet's default toolchain): run in process, the pilot stage sees tier-0 code
// and the validator's figure came out three times too high.
var shortRun = Job.Default
    .WithLaunchCount(1)
    .WithWarmupCount(5)
    .WithIterationCount(10)
    .WithId("Short");

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, DefaultConfig.Instance.AddJob(shortRun).WithOptions(ConfigOptions.JoinSummary));
