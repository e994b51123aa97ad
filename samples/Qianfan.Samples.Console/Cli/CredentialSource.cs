using Qianfan.Sdk;

namespace Qianfan.Samples.Console.Cli;

/// <summary>Says which credentials a run uses, by the variables' names only, never their values.</summary>
internal static class CredentialSource
{
    public static string Describe(QianfanCredentials options, string api)
    {
        var hasIam = !string.IsNullOrEmpty(options.IamAccessKey) && !string.IsNullOrEmpty(options.IamSecretKey);
        var hasAppKeys = !string.IsNullOrEmpty(options.ApiKey) && !string.IsNullOrEmpty(options.SecretKey);
        if (api == "v2")
        {
            return !string.IsNullOrEmpty(options.V2ApiKey)
                ? "the V2 API key (QIANFAN_API_KEY)"
                : hasIam ? "a bearer token obtained with the IAM keys (QIANFAN_ACCESS_KEY / QIANFAN_SECRET_KEY)" : "no V2 credentials";
        }

        if (!string.IsNullOrEmpty(options.AccessToken))
        {
            return "the access token (QIANFAN_ACCESS_TOKEN)";
        }

        if (hasIam)
        {
            return hasAppKeys
                ? "bce-auth-v1 signatures with the IAM keys (QIANFAN_ACCESS_KEY / QIANFAN_SECRET_KEY), which win over QIANFAN_AK / QIANFAN_SK"
                : "bce-auth-v1 signatures with the IAM keys (QIANFAN_ACCESS_KEY / QIANFAN_SECRET_KEY)";
        }

        return hasAppKeys ? "an access token exchanged for QIANFAN_AK / QIANFAN_SK" : "no V1 credentials";
    }
}
