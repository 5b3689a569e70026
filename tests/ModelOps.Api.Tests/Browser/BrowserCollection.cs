namespace ModelOps.Api.Tests.Browser;

/// <summary>
/// The browser tests run on their own, after the others: a WebAssembly page in headless Chromium needs a core to
/// itself to answer clicks, and on two cores shared with a dozen servers under test it would starve.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
