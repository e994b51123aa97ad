namespace Qianfan.Sdk.Emulator.Scenarios;

/// <summary>The faults <see cref="EmulatorScenarios.InjectRandomFaults"/> picks from, with equal odds.</summary>
internal enum RandomFault
{
    QpsLimit,
    ServerHighLoad,
    ServiceUnavailableStatus,
    ConnectionReset,
    TokenExpired,
}
