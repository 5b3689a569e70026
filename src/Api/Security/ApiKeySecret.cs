using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ModelOps.Contracts;

namespace ModelOps.Api.Security;

/// <summary>
/// Key secrets: <c>mov_</c> and 256 random bits in base64url. The server stores SHA-256 of the secret. A password needs a
/// slow, salted hash because people choose guessable ones; a secret of 256 random bits cannot be guessed, so a fast
/// hash loses nothing, and each request can be checked with one hash and one lookup.
/// </summary>
public static class ApiKeySecret
{
    private const int SecretBytes = 32;

    /// <summary>Characters of the secret kept in the clear, to tell keys apart (<c>mov_</c> and four more).</summary>
    public const int PrefixLength = 8;

    /// <summary>The shortest secret taken as <c>ModelOps:Auth:AdminKey</c>, after <c>mov_</c>: 32 characters.</summary>
    public const int MinConfiguredLength = 32;

    public static string New() => ApiKeyHeaders.KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string PrefixOf(string secret) => secret[..Math.Min(PrefixLength, secret.Length)];

    /// <summary>Whether <paramref name="candidate"/> could be a key at all; anything else is refused without a lookup.</summary>
    public static bool LooksLikeKey(string candidate) =>
        candidate.StartsWith(ApiKeyHeaders.KeyPrefix, StringComparison.Ordinal) && candidate.Length is > 8 and <= 256;
}
