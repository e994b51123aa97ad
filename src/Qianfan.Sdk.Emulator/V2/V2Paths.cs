namespace Qianfan.Sdk.Emulator.V2;

/// <summary>
/// The V2 paths the emulator serves: the OpenAI-compatible chat API (on <c>https://qianfan.baidubce.com</c>) and the
/// IAM bearer-token endpoint (on <c>https://iam.bj.baidubce.com</c>), both on the emulator's one address.
/// </summary>
internal static class V2Paths
{
    public const string ChatCompletions = "/v2/chat/completions";

    public const string BearerToken = "/v1/BCE-BEARER/token";
}
