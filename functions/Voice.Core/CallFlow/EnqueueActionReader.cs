using Voice.Core.Commands;
using Voice.Core.Queues;

namespace Voice.Core.CallFlow;

/// <summary>
/// Reads the <c>enqueue</c> action, a Telefon extension of NCCO: <c>name</c>, <c>maxWait</c>, <c>maxSize</c>,
/// <c>hold</c> (<c>{url}</c> or <c>{text}</c>), <c>announcement</c> (<c>{text, every}</c>) and <c>language</c> (of both texts).
/// </summary>
internal static class EnqueueActionReader
{
    public static EnqueueAction? Read(ActionFieldReader reader)
    {
        var name = reader.String("name", required: true, QueueNames.MaxLength);
        if (name is not null && !QueueNames.IsValid(name))
        {
            reader.Fail("name", $"must be 1..{QueueNames.MaxLength} characters, none of them control characters");
        }

        var maxWait = reader.Int("maxWait", 1, 24 * 3600, 0);
        var maxSize = reader.OptionalInt("maxSize", 1, QueueRecord.MaxSizeLimit);
        var language = reader.String("language", required: false, maxLength: 16);
        if (language is not null && !CallFlowActionReaders.IsLanguageTag(language))
        {
            reader.Fail("language", "must be a BCP-47 language tag such as en-US");
        }

        var (url, text) = Hold(reader);
        var announcement = Announcement(reader);
        if (name is null || reader.Error is not null)
        {
            return null;
        }

        var hold = url is null && text is null && announcement is null
            ? null
            : new QueueHold { AudioUrl = url, Text = text, Voice = (language ?? "en-us").ToLowerInvariant(), Announcement = announcement };
        return new EnqueueAction { Name = name, MaxWaitSeconds = maxWait, MaxSize = maxSize, Hold = hold };
    }

    private static (string? Url, string? Text) Hold(ActionFieldReader reader)
    {
        if (reader.Object("hold", required: false) is not { } hold)
        {
            return (null, null);
        }

        var url = hold.Url("url", required: false);
        var text = hold.String("text", required: false, CallFlowParser.MaxTalkTextLength);
        if (url is not null && text is not null)
        {
            hold.Fail("text", "give url or text, not both");
        }
        else if (url is null && text is null && hold.Error is null)
        {
            hold.Fail("", "must have a url (audio looped while the call waits) or a text (spoken in a loop)");
        }

        hold.RejectUnknownProperties();
        if (hold.Error is { } error)
        {
            reader.Adopt(error);
            return (null, null);
        }

        return (url, text);
    }

    private static QueueAnnouncement? Announcement(ActionFieldReader reader)
    {
        if (reader.Object("announcement", required: false) is not { } announcement)
        {
            return null;
        }

        var text = announcement.String("text", required: true, QueueAnnouncementTemplate.MaxLength);
        if (text is not null && QueueAnnouncementTemplate.Problem(text) is { } problem)
        {
            announcement.Fail("text", problem);
        }

        var every = announcement.OptionalInt("every", QueueAnnouncement.MinEverySeconds, QueueAnnouncement.MaxEverySeconds);
        if (every is null && announcement.Error is null)
        {
            announcement.Fail("every", $"is required: seconds between announcements, {QueueAnnouncement.MinEverySeconds}..{QueueAnnouncement.MaxEverySeconds}");
        }

        announcement.RejectUnknownProperties();
        if (announcement.Error is not null)
        {
            reader.Adopt(announcement.Error);
            return null;
        }

        return new QueueAnnouncement { Template = text!, EverySeconds = every!.Value };
    }
}
