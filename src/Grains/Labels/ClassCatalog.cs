using ModelOps.Contracts;

namespace ModelOps.Grains.Labels;

/// <summary>
/// The classes a classification model has predicted or been labelled with, numbered in the order first seen, so the
/// counts of every bucket and the join store keep a small number instead of the text. At most <see cref="MaxClasses"/>;
/// classes after those share <see cref="Other"/>.
/// </summary>
public sealed class ClassCatalog
{
    public const int MaxClasses = 256;

    /// <summary>The index all classes beyond <see cref="MaxClasses"/> share.</summary>
    public const int Other = MaxClasses;

    public const string OtherName = "(other)";

    private readonly List<string> names;
    private readonly Dictionary<string, int> indices;

    /// <param name="names">The stored catalog, which this instance extends in place.</param>
    public ClassCatalog(List<string> names)
    {
        this.names = names;
        indices = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            indices[names[i]] = i;
        }
    }

    public int Count => names.Count;

    /// <summary>Set when a class was added since the last <see cref="TakeChanged"/>.</summary>
    public bool Changed { get; private set; }

    /// <summary>The index of a class, numbering it when it is new and there is room.</summary>
    public int IndexOf(ScalarValue value)
    {
        var name = value.ToString();
        if (indices.TryGetValue(name, out var index))
        {
            return index;
        }
        if (names.Count >= MaxClasses)
        {
            return Other;
        }
        names.Add(name);
        Changed = true;
        return indices[name] = names.Count - 1;
    }

    /// <summary>The index of a class already numbered; -1 when it never was.</summary>
    public int Find(string name) => indices.GetValueOrDefault(name, -1);

    public string NameOf(int index) => index == Other ? OtherName : names[index];

    public bool TakeChanged()
    {
        var changed = Changed;
        Changed = false;
        return changed;
    }
}
