using System.Net;
using System.Text.Json;

namespace Qianfan.Sdk.IntegrationTests.Emulator;

/// <summary>Raw calls to the emulator's V1 APIs beside chat (<c>wenxinworkshop/{family}/{endpoint}</c>).</summary>
internal static class AreaCalls
{
    public const string V1Root = "/rpc/2.0/ai_custom/v1/wenxinworkshop/";

    /// <summary>Posts <paramref name="body"/> to <c>{family}/{endpoint}</c> with a fresh token (or the one given).</summary>
    public static async Task<HttpResponseMessage> PostAreaAsync(this EmulatorSession session, string path, string body, string? token = null)
    {
        token ??= await session.GetTokenAsync();
        return await session.PostChatRawAsync(body, $"{V1Root}{path}?access_token={token}");
    }

    /// <summary>Posts and reads the JSON answer, asserting HTTP 200 (V1 answers errors with 200 too).</summary>
    public static async Task<JsonElement> AreaAsync(this EmulatorSession session, string path, string body, string? token = null)
    {
        using var response = await session.PostAreaAsync(path, body, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Baidu-Request-Id").Single()));
        return await EmulatorSession.ReadJsonAsync(response);
    }

    public static float[] Vector(this JsonElement item) => [.. item.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle())];
}
