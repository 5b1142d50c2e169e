namespace MonitoringCenter.Web.Accounts;

/// <summary>How the second step of a sign-in (a code from the authenticator app, or a recovery code) ended.</summary>
public enum CodeSignInOutcome
{
    /// <summary>Signed in.</summary>
    SignedIn,

    /// <summary>No password step pending (never made, or older than Identity's few minutes): start again.</summary>
    Expired,

    WrongCode,

    LockedOut,
}
