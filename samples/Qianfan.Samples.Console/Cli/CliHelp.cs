namespace Qianfan.Samples.Console.Cli;

/// <summary>Help text every command shares.</summary>
internal static class CliHelp
{
    public const string Environment = """
        environment:
          QIANFAN_AK, QIANFAN_SK  the application's API Key and Secret Key (v1)
          QIANFAN_ACCESS_KEY, QIANFAN_SECRET_KEY
                                  IAM keys: v1 calls are signed, v2 gets a bearer token;
                                  they win over QIANFAN_AK / QIANFAN_SK
          QIANFAN_ACCESS_TOKEN    a ready access token (v1)
          QIANFAN_API_KEY         a V2 API key (bce-v3/ALTAK-...)
          QIANFAN_BASE_URL        default https://aip.baidubce.com
          QIANFAN_V2_BASE_URL     default https://qianfan.baidubce.com
          QIANFAN_IAM_BASE_URL    default https://iam.bj.baidubce.com
          With no credentials set, an offline emulator is started and used.

        exit codes: 0 success; 1 a service, authentication, network or stream error
        ('error <code>: <message>' on stderr); 2 invalid arguments, environment or request
        (nothing was sent).
        """;
}
