package org.jvnet.hudson.test;

import hudson.EnvVars;
import hudson.model.Slave;
import hudson.slaves.DumbSlave;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.tasks.Builder;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Future;
import jenkins.model.ParameterizedJobMixIn;
import hudson.security.AbstractPasswordBasedSecurityRealm;
import java.io.IOException;
import jenkins.model.Jenkins;
import java.net.URL;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.rules.MethodRule;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.FrameworkMethod;
import org.junit.runners.model.Statement;
import org.xml.sax.SAXException;

public class JenkinsRule implements TestRule, MethodRule {
    public Jenkins jenkins;
    public int timeout;

    public JenkinsRule() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Statement apply(Statement base, FrameworkMethod method, Object target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Statement apply(Statement base, Description description) {
        throw new UnsupportedOperationException();
    }

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException();
    }

    public <T extends TopLevelItem> T createProject(Class<T> type) throws IOException {
        throw new UnsupportedOperationException();
    }

    public FreeStyleProject createFreeStyleProject() throws IOException {
        throw new UnsupportedOperationException();
    }

    public FreeStyleProject createFreeStyleProject(String name) throws IOException {
        throw new UnsupportedOperationException();
    }

    public MockFolder createFolder(String name) throws IOException {
        throw new UnsupportedOperationException();
    }

    public DumbSlave createOnlineSlave() throws Exception {
        throw new UnsupportedOperationException();
    }

    public DumbSlave createSlave(String nodeName, String labels, EnvVars env) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void waitOnline(Slave s) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <P extends Item> P configRoundtrip(P job) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <B extends Builder> B configRoundtrip(B before) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <R extends Run> R assertBuildStatus(Result status, R r) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <R extends Run> R assertBuildStatus(Result status, Future<? extends R> r) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <R extends Run> R assertBuildStatusSuccess(R r) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <R extends Run> R assertBuildStatusSuccess(Future<? extends R> r) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>,
            R extends Run<J, R> & Queue.Executable> R buildAndAssertSuccess(J job) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>,
            R extends Run<J, R> & Queue.Executable> R buildAndAssertStatus(Result status, J job) throws Exception {
        throw new UnsupportedOperationException();
    }

    public FreeStyleBuild buildAndAssertSuccess(FreeStyleProject job) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException();
    }

    public void assertLogNotContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException();
    }

    public static String getLog(Run run) throws IOException {
        throw new UnsupportedOperationException();
    }

    public <R extends Run<?, ?>> R waitForCompletion(R r) throws InterruptedException {
        throw new UnsupportedOperationException();
    }

    public <R extends Run<?, ?>> R waitForMessage(String message, R r) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void assertEqualDataBoundBeans(Object lhs, Object rhs) throws InvocationTargetException,
            NoSuchMethodException, IllegalAccessException {
        throw new UnsupportedOperationException();
    }

    public DummySecurityRealm createDummySecurityRealm() {
        throw new UnsupportedOperationException();
    }

    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException();
    }

    public URL getURL() throws IOException {
        throw new UnsupportedOperationException();
    }

    public HtmlPage submit(HtmlForm form) throws Exception {
        throw new UnsupportedOperationException();
    }

    public WebClient createWebClient() {
        throw new UnsupportedOperationException();
    }

    public class WebClient extends org.htmlunit.WebClient {
        private static final long serialVersionUID = 1L;

        public WebClient() {
            throw new UnsupportedOperationException();
        }

        public WebRequest addCrumb(WebRequest req) {
        throw new UnsupportedOperationException();
        }

        public WebClient login(String username) throws Exception {
            throw new UnsupportedOperationException();
        }

        public WebClient withThrowExceptionOnFailingStatusCode(boolean enabled) {
            throw new UnsupportedOperationException();
        }

        public HtmlPage goTo(String relative) throws IOException, SAXException {
            throw new UnsupportedOperationException();
        }

        public Page goTo(String relative, String expectedContentType) throws IOException, SAXException {
            throw new UnsupportedOperationException();
        }

        public HtmlPage getPage(Run r, String relative) throws IOException, SAXException {
            throw new UnsupportedOperationException();
        }

        public HtmlPage getPage(Item item) throws IOException, SAXException {
            throw new UnsupportedOperationException();
        }
    }

    public static class DummySecurityRealm extends AbstractPasswordBasedSecurityRealm {
        DummySecurityRealm() {
            throw new UnsupportedOperationException();
        }
    }
}
