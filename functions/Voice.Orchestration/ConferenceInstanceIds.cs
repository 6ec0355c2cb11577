using System.Security.Cryptography;
using System.Text;

namespace Voice.Orchestration;

/// <summary>A conference's instance id: a hash of (account, name), since names may hold any character.</summary>
public static class ConferenceInstanceIds
{
    public static string For(string accountId, string conferenceName) =>
        "conf-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountId + "/" + conferenceName)))[..32];
}
