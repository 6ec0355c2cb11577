namespace Voice.Core.Accounts;

/// <summary>Whether an account may use the platform; a disabled account's keys get 401 at once.</summary>
public enum AccountStatus
{
    Active,
    Disabled,
}
