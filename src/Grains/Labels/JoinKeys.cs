using System.IO.Hashing;
using System.Text;

namespace ModelOps.Grains.Labels;

/// <summary>
/// The join store keys an event by a 64-bit hash of its id rather than the id itself: 8 bytes instead of a string of
/// up to 256 characters. Its lowest bit is always set (0 marks an empty slot). Two of a million ids share a hash with a probability of about 3·10⁻⁸.
/// </summary>
public static class JoinKeys
{
    public static ulong Of(string id)
    {
        Span<byte> buffer = stackalloc byte[1024];
        var bytes = Encoding.UTF8.GetByteCount(id) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(id, buffer)] : Encoding.UTF8.GetBytes(id);
        // 0 marks an empty slot of the store.
        return XxHash3.HashToUInt64(bytes) | 1;
    }
}
