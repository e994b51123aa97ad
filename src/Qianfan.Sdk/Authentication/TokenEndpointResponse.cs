using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Qianfan.Sdk.Core.Reading;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Authentication;

/// <summary>Reads a token endpoint's body; anything unreadable is an authentication failure, never a JsonException.</summary>
internal static class TokenEndpointResponse
{
    /// <summary>
    /// Reads <paramref name="response"/>'s body and parses it; a body that breaks off is an
    /// <see cref="HttpRequestException"/>, as the pipeline's are.
    /// </summary>
    public static ValueTask<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string endpoint, CancellationToken cancellationToken)
        where T : class =>
        BodyReader.ReadAsync(response, (response.StatusCode, typeInfo, endpoint), static (body, s) => Parse(body, s.StatusCode, s.typeInfo, s.endpoint), cancellationToken);

    private static T Parse<T>(ReadOnlySpan<byte> bytes, HttpStatusCode status, JsonTypeInfo<T> typeInfo, string endpoint)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo)
                ?? throw new QianfanAuthenticationException("invalid_response", $"{endpoint} returned an empty body", status);
        }
        catch (JsonException ex)
        {
            throw new QianfanAuthenticationException("invalid_response", $"{endpoint} returned a body that is not JSON ({bytes.Length} bytes)", status, ex);
        }
    }
}
