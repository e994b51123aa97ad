namespace Qianfan.Samples.Console.Cli;

/// <summary>The CLI's exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The service, the network, authentication or a stream failed.</summary>
    public const int ServiceFailure = 1;

    /// <summary>The arguments, the environment or the request (the SDK's validation) were wrong; nothing was sent.</summary>
    public const int InvalidInput = 2;
}
