using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk.Zhipu;

namespace Qianfan.Samples.Console.Commands.Zhipu;

/// <summary>
/// A command's connection to Zhipu: the key from <c>ZHIPUAI_API_KEY</c> and the host from <c>ZHIPUAI_BASE_URL</c> (the
/// official SDKs' variables), sent as itself or, with <c>--jwt</c>, as a self-signed JWT; with no key set, the offline
/// emulator started in this process (<see cref="PlatformSession{TClient}"/>).
/// </summary>
internal static class ZhipuSession
{
    public const string Environment = """
        environment (--platform zhipu):
          ZHIPUAI_API_KEY         the API key from the console, {id}.{secret}
          ZHIPUAI_BASE_URL        API v4's base URL (default https://open.bigmodel.cn/api/paas/v4;
                                  https://api.z.ai/api/paas/v4 for Z.AI), e.g. a proxy
          With no ZHIPUAI_API_KEY set, an offline emulator is started and used.
        """;

    public static Task<PlatformSession<ZhipuClient>> OpenAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var options = ZhipuOptions.FromEnvironment();
        var credentials = ZhipuCredentials.FromEnvironment();
        if (arguments.Flag("--jwt"))
        {
            options.Authentication = ZhipuAuthentication.Jwt;
        }

        var platform = new PlatformConnection<ZhipuClient>(
            "Zhipu",
            "ZHIPUAI_API_KEY",
            !string.IsNullOrEmpty(credentials.ApiKey),
            options.EffectiveBaseUrl,
            emulator => emulator.ZhipuBaseUri,
            (emulator, loggers) =>
            {
                if (emulator is not null)
                {
                    options.BaseUrl = emulator.ZhipuBaseUri;
                    credentials.ApiKey = emulator.ZhipuApiKey;
                }

                return new ZhipuClient(credentials, options, loggerFactory: loggers);
            });
        return PlatformSession<ZhipuClient>.OpenAsync(platform, arguments.Flag("--verbose"), console, cancellationToken);
    }
}
