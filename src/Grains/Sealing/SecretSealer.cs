using Microsoft.AspNetCore.DataProtection;

namespace ModelOps.Grains.Sealing;

/// <summary>
/// Seals secrets before they are stored and opens them where they are used (ASP.NET Core Data Protection: AES-256-CBC
/// with HMAC-SHA256, keys rotated every 90 days and kept in the key ring of <see cref="DataProtectionHosting"/>).
/// A sealed value is <see cref="Prefix"/> and the protected payload, so a value stored in clear by an older version
/// is recognised and sealed when it is next written.
/// </summary>
public sealed class SecretSealer(IDataProtectionProvider provider)
{
    public const string Prefix = "sealed:v1:";

    /// <summary>The purpose string of the protector: a payload sealed for another purpose does not open here.</summary>
    public const string Purpose = "ModelOps.Secrets.v1";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    /// <summary>The stored form of a clear value; null and empty stay as they are.</summary>
    public string? Seal(string? clear) => string.IsNullOrEmpty(clear) ? clear : Prefix + protector.Protect(clear);

    /// <summary>The clear value of a stored one; a value stored in clear (before sealing) is returned as is.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key that sealed it is not in the key ring.</exception>
    public string? Open(string? stored) => IsSealed(stored) ? protector.Unprotect(stored![Prefix.Length..]) : stored;

    /// <summary>Whether a stored value is sealed; false for null and empty.</summary>
    public static bool IsSealed(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>A stored value that is still in clear gets sealed; a sealed one is kept as it is.</summary>
    public string? Reseal(string? stored) => IsSealed(stored) ? stored : Seal(stored);
}
