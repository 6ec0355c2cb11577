using Voice.Core.Queues;

namespace Voice.Core.Tests.Queues;

public sealed class QueueAnnouncementTemplateTests
{
    [Fact]
    public void Placeholders_are_filled_with_the_position_and_whole_minutes_of_wait()
    {
        var text = QueueAnnouncementTemplate.Render("#{position}: waited {wait_minutes} min, others {average_wait_minutes} min. {position}!", 4, 179, 61);
        Assert.Equal("#4: waited 2 min, others 1 min. 4!", text);
    }

    [Theory]
    [InlineData("You are caller {position}.")]
    [InlineData("No placeholders at all")]
    [InlineData("Braces { with spaces } are text")]
    public void Templates_with_known_placeholders_or_none_are_accepted(string template) =>
        Assert.Null(QueueAnnouncementTemplate.Problem(template));

    [Theory]
    [InlineData("You are caller {positon}.", "has an unknown placeholder {positon}: use {position}, {wait_minutes} or {average_wait_minutes}")]
    [InlineData("{}", "has an unknown placeholder {}: use {position}, {wait_minutes} or {average_wait_minutes}")]
    [InlineData("   ", "must not be empty")]
    public void Templates_with_mistakes_are_refused_saying_what_is_wrong(string template, string problem) =>
        Assert.Equal(problem, QueueAnnouncementTemplate.Problem(template));

    [Fact]
    public void A_template_longer_than_the_limit_is_refused() =>
        Assert.Equal($"must be at most {QueueAnnouncementTemplate.MaxLength} characters", QueueAnnouncementTemplate.Problem(new string('a', QueueAnnouncementTemplate.MaxLength + 1)));
}
