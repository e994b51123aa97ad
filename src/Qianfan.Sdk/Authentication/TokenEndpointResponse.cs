using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Authentication;

/// <summary>Reads a token endpoint's body; anything unreadable is an authentication failure, never a JsonException.</summary>
internal static class TokenEndpointResponse
{
    public static T Parse<T>(byte[] bytes, HttpStatusCode status, JsonTypeInfo<T> typeInfo, string endpoint)
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
