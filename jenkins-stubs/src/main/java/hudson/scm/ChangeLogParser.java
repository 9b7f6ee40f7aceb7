package hudson.scm;

public abstract class ChangeLogParser {
}
