using System.Globalization;
using System.Text.RegularExpressions;

namespace Voice.Core.Queues;

/// <summary>
/// The text of a queue's periodic announcement: <c>{position}</c> (1 = next in line), <c>{wait_minutes}</c> (whole
/// minutes this caller has waited) and <c>{average_wait_minutes}</c> (whole minutes the calls in the queue have waited
/// on average), each filled in when the announcement is spoken. Any other <c>{name}</c> is a mistake and refused, so a
/// typo is not read out to callers.
/// </summary>
public static partial class QueueAnnouncementTemplate
{
    public const int MaxLength = 1000;

    public const string Position = "position";
    public const string WaitMinutes = "wait_minutes";
    public const string AverageWaitMinutes = "average_wait_minutes";

    private static readonly string[] Known = [Position, WaitMinutes, AverageWaitMinutes];

    /// <summary>What is wrong with <paramref name="template"/>, or null when it can be spoken.</summary>
    public static string? Problem(string template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return "must not be empty";
        }

        if (template.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        foreach (Match placeholder in Placeholder().Matches(template))
        {
            if (!Known.Contains(placeholder.Groups[1].Value))
            {
                return $"has an unknown placeholder {placeholder.Value}: use {{{Position}}}, {{{WaitMinutes}}} or {{{AverageWaitMinutes}}}";
            }
        }

        return null;
    }

    /// <summary>The text to speak for a call at <paramref name="position"/> that has waited <paramref name="waitSeconds"/>.</summary>
    public static string Render(string template, int position, int waitSeconds, int averageWaitSeconds) =>
        Placeholder().Replace(template, m => (m.Groups[1].Value switch
        {
            Position => position,
            WaitMinutes => waitSeconds / 60,
            AverageWaitMinutes => averageWaitSeconds / 60,
            _ => (int?)null,
        })?.ToString(CultureInfo.InvariantCulture) ?? m.Value);

    [GeneratedRegex(@"\{([^{}\s]*)\}")]
    private static partial Regex Placeholder();
}
