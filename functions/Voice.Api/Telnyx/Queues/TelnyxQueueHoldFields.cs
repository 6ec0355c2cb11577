using Voice.Api.Http;
using Voice.Core.Addressing;
using Voice.Core.Commands;
using Voice.Core.Queues;

namespace Voice.Api.Telnyx;

/// <summary>
/// The enqueue action's extension fields (Telnyx's enqueue has none for what a waiting caller hears): <c>hold_audio_url</c>
/// or <c>hold_speak</c> (looped), <c>hold_language</c>, <c>announcement_text</c> (with <c>{position}</c>,
/// <c>{wait_minutes}</c>, <c>{average_wait_minutes}</c>) and <c>announcement_interval_secs</c>. Null when none is given.
/// </summary>
public static class TelnyxQueueHoldFields
{
    /// <summary>Seconds between announcements when <c>announcement_interval_secs</c> is not given.</summary>
    public const int DefaultIntervalSeconds = 30;

    private const int MaxSpeakLength = 3000;

    public static QueueHold? Read(BodyFields f)
    {
        var url = f.Text("hold_audio_url", maxLength: 2048);
        f.Require(url is null || HttpUrl.IsAbsolute(url), "hold_audio_url", "'hold_audio_url' must be an absolute http or https URL");
        var speak = f.Text("hold_speak", maxLength: MaxSpeakLength);
        f.Require(speak is null || speak.Trim().Length > 0, "hold_speak", "'hold_speak' must not be empty");
        f.Require(url is null || speak is null, "hold_speak", "'hold_audio_url' and 'hold_speak' can't be used together: give one");
        var language = f.Text("hold_language", maxLength: 16);
        f.Require(language is null || (language.Length > 0 && language.All(c => char.IsAsciiLetter(c) || c == '-')), "hold_language", "'hold_language' must be a language tag such as en-US");
        var text = f.Text("announcement_text", maxLength: QueueAnnouncementTemplate.MaxLength);
        var problem = text is null ? null : QueueAnnouncementTemplate.Problem(text);
        f.Require(problem is null, "announcement_text", $"'announcement_text' {problem}");
        var interval = f.WholeNumber("announcement_interval_secs", QueueAnnouncement.MinEverySeconds, QueueAnnouncement.MaxEverySeconds);
        f.Require(interval is null || text is not null, "announcement_interval_secs", "'announcement_interval_secs' needs 'announcement_text'");
        if (f.Error is not null || (url is null && speak is null && text is null))
        {
            return null;
        }

        return new QueueHold
        {
            AudioUrl = url,
            Text = speak,
            Voice = (language ?? "en-US").ToLowerInvariant(),
            Announcement = text is null ? null : new QueueAnnouncement { Template = text, EverySeconds = interval ?? DefaultIntervalSeconds },
        };
    }
}
