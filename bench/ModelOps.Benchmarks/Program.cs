using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Few iterations, in process: on a 2-core box a separately built benchmark process per run would cost more
// than the measurements themselves, and the whole suite has to finish in a couple of minutes.
var shortRun = Job.Default
    .WithLaunchCount(1)
    .WithWarmupCount(5)
    .WithIterationCount(10)
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithId("Short");

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, DefaultConfig.Instance.AddJob(shortRun).WithOptions(ConfigOptions.JoinSummary));
