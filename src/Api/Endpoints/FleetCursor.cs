using System.Buffers.Text;
using System.Text;
using ModelOps.Contracts;

namespace ModelOps.Api.Endpoints;

/// <summary>
/// The <c>cursor</c> of <c>GET /api/v1/models</c>: the last model id of the page before, base64url-encoded so that
/// clients treat it as opaque. Paging is by id, so a cursor names the same place whatever models come and go.
/// </summary>
public static class FleetCursor
{
    public static string Encode(string modelId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(modelId));

    /// <summary>The model id a cursor names; null when it is not one this API made.</summary>
    public static string? Decode(string cursor)
    {
        if (cursor.Length > 4 * ModelId.MaxLength || !Base64Url.IsValid(cursor))
        {
            return null;
        }
        var id = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        return ModelId.IsValid(id) ? id : null;
    }
}
