using YamlDotNet.Core;

namespace ModelOps.Api.Configuration;

/// <summary>What is wrong with a configuration document, and where: its path (<c>rules[1].threshold</c>) and position.</summary>
public sealed class ConfigDocumentException(string path, Mark position, string reason)
    : Exception($"line {position.Line}, column {position.Column}: {path}: {reason}")
{
    public string Path { get; } = path;
    public long Line { get; } = position.Line;
    public long Column { get; } = position.Column;
    public string Reason { get; } = reason;
}
