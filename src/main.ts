import * as core from '@actions/core';
import * as github from '@actions/github';
import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import { retry } from '@octokit/plugin-retry';
const O = Octokit.plugin(throttling, retry);
core.info(`hi ${github.context.eventName} ${typeof O}`);
