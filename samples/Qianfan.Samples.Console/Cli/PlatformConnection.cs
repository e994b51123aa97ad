using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Emulator;

namespace Qianfan.Samples.Console.Cli;

/// <summary>How a <see cref="PlatformSession{TClient}"/> reaches a platform, as the platform's own file describes it.</summary>
/// <param name="Name">The platform's name in notices, e.g. <c>DashScope</c>.</param>
/// <param name="KeyVariable">The environment variable of its key, e.g. <c>DASHSCOPE_API_KEY</c>.</param>
/// <param name="HasKey">Whether the environment gives a key (else the in-process emulator is used).</param>
/// <param name="BaseUri">The base URL the environment's settings call.</param>
/// <param name="EmulatorBaseUri">The platform's base URL on an emulator.</param>
/// <param name="Create">Makes the client: over the environment's settings, or over the emulator when one is given.</param>
internal sealed record PlatformConnection<TClient>(
    string Name,
    string KeyVariable,
    bool HasKey,
    Uri BaseUri,
    Func<QianfanEmulator, Uri> EmulatorBaseUri,
    Func<QianfanEmulator?, ILoggerFactory, TClient> Create);
