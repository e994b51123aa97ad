namespace Qianfan.Sdk.Emulator.OAuth;

/// <summary>What the service makes of the <c>access_token</c> on a call.</summary>
internal enum TokenCheck
{
    /// <summary>Known and still valid: the call goes on.</summary>
    Valid,

    /// <summary>Missing or never issued: error 110.</summary>
    Invalid,

    /// <summary>Issued but past its lifetime, expired on purpose, or used up: error 111.</summary>
    Expired,
}
