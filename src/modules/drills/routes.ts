/**
 * Drill planning routes: scenarios, exercises, teams, MSEL injects and expectations. Thin
 * handlers: authenticate, validate with the zod schema, call one service function. The running
 * exercise (clock, answers, board) is in run.routes.ts, live streams in stream.routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { page } from '../../lib/list.js';
import { requireActor } from '../../server/auth.js';
import cardRoutes from './cards.routes.js';
import checkRoutes from './checks.routes.js';
import * as exercises from './exercises.service.js';
import type { InjectDef } from './msel.js';
import * as mselService from './msel.service.js';
import runRoutes from './run.routes.js';
import * as scenarios from './scenarios.service.js';
import * as s from './schema.js';
import { drillSettings } from './settings.js';
import streamRoutes from './stream.routes.js';
import * as teams from './teams.service.js';

const tags = ['drills'];

export default async function drillRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;
  drillSettings.publicUrl = app.config.publicUrl;

  r.get('/scenarios', {
    schema: {
      tags,
      summary: 'Scenarios: the built-in ones and your organisations’ own',
      querystring: s.ScenarioQuery,
      response: { 200: page(s.Scenario) },
    },
    handler: async (req) => scenarios.list(db, requireActor(req), req.query),
  });
  r.post('/scenarios', {
    schema: { tags, summary: 'Create a scenario (its MSEL is checked)', body: s.ScenarioInput, response: { 201: s.ScenarioDetail } },
    handler: async (req, reply) => reply.status(201).send(await scenarios.create(db, requireActor(req), req.body)),
  });
  r.get('/scenarios/:id', {
    schema: { tags, summary: 'A scenario with its MSEL', params: s.IdParams, response: { 200: s.ScenarioDetail } },
    handler: async (req) => scenarios.get(db, requireActor(req), req.params.id),
  });
  r.put('/scenarios/:id/injects', {
    schema: { tags, summary: 'Replace a scenario’s MSEL', params: s.IdParams, body: s.MselInput, response: { 200: s.ScenarioDetail } },
    handler: async (req) => scenarios.replaceMsel(db, requireActor(req), req.params.id, req.body.injects as InjectDef[]),
  });

  r.get('/exercises', {
    schema: { tags, summary: 'Exercises you run, evaluate or play in', querystring: s.ExerciseQuery, response: { 200: page(s.Exercise) } },
    handler: async (req) => exercises.list(db, requireActor(req), req.query),
  });
  r.post('/exercises', {
    schema: {
      tags,
      summary: 'Create an exercise, from a scenario (deep copy) or empty',
      body: s.ExerciseInput,
      response: { 201: s.Exercise },
    },
    handler: async (req, reply) => reply.status(201).send(await exercises.create(db, requireActor(req), req.body)),
  });
  r.get('/exercises/:id', {
    schema: { tags, summary: 'One exercise and its clock', params: s.IdParams, response: { 200: s.Exercise } },
    handler: async (req) => exercises.get(db, requireActor(req), req.params.id),
  });
  r.patch('/exercises/:id', {
    schema: {
      tags,
      summary: 'Change an exercise’s name, description or planned start',
      params: s.IdParams,
      body: s.ExercisePatch,
      response: { 200: s.Exercise },
    },
    handler: async (req) => exercises.update(db, requireActor(req), req.params.id, req.body),
  });

  r.get('/exercises/:id/teams', {
    schema: { tags, summary: 'Teams of an exercise', params: s.IdParams, response: { 200: z.object({ items: z.array(s.Team) }) } },
    handler: async (req) => teams.list(db, requireActor(req), req.params.id),
  });
  r.post('/exercises/:id/teams', {
    schema: {
      tags,
      summary: 'Add a team (its webhook secret is shown once)',
      params: s.IdParams,
      body: s.TeamInput,
      response: { 201: s.TeamCreated },
    },
    handler: async (req, reply) => reply.status(201).send(await teams.create(db, requireActor(req), req.params.id, req.body)),
  });
  r.get('/exercises/:id/teams/:teamId', {
    schema: { tags, summary: 'One team', params: s.TeamParams, response: { 200: s.Team } },
    handler: async (req) => teams.get(db, requireActor(req), req.params.id, req.params.teamId),
  });
  r.patch('/exercises/:id/teams/:teamId', {
    schema: { tags, summary: 'Change a team', params: s.TeamParams, body: s.TeamPatch, response: { 200: s.TeamCreated } },
    handler: async (req) => teams.update(db, requireActor(req), req.params.id, req.params.teamId, req.body),
  });
  r.delete('/exercises/:id/teams/:teamId', {
    schema: { tags, summary: 'Remove a team (before the exercise starts)', params: s.TeamParams },
    handler: async (req, reply) => {
      await teams.remove(db, requireActor(req), req.params.id, req.params.teamId);
      return reply.status(204).send();
    },
  });
  r.get('/exercises/:id/teams/:teamId/player-candidates', {
    schema: {
      tags,
      summary: "People who may be added to a team: members of organisations in the team's country",
      params: s.TeamParams,
      querystring: s.PlayerCandidateQuery,
      response: { 200: page(s.PlayerCandidate) },
    },
    handler: async (req) => teams.playerCandidates(db, requireActor(req), req.params.id, req.params.teamId, req.query),
  });
  r.put('/exercises/:id/teams/:teamId/players/:userId', {
    schema: { tags, summary: 'Add a player to a team', params: s.PlayerParams, response: { 200: s.Team } },
    handler: async (req) => teams.addPlayer(db, requireActor(req), req.params.id, req.params.teamId, req.params.userId),
  });
  r.delete('/exercises/:id/teams/:teamId/players/:userId', {
    schema: { tags, summary: 'Remove a player from a team', params: s.PlayerParams, response: { 200: s.Team } },
    handler: async (req) => teams.removePlayer(db, requireActor(req), req.params.id, req.params.teamId, req.params.userId),
  });

  r.get('/exercises/:id/injects', {
    schema: { tags, summary: 'The exercise’s MSEL with each inject’s state', params: s.IdParams, response: { 200: s.MselView } },
    handler: async (req) => mselService.getMsel(db, requireActor(req), req.params.id),
  });
  r.put('/exercises/:id/injects', {
    schema: {
      tags,
      summary: 'Replace the MSEL (before the start; the schedule is checked)',
      params: s.IdParams,
      body: s.MselInput,
      response: { 200: s.MselView },
    },
    handler: async (req) => mselService.replaceMsel(db, requireActor(req), req.params.id, req.body.injects as InjectDef[]),
  });
  r.post('/exercises/:id/injects', {
    schema: {
      tags,
      summary: 'Add an inject (live while running: due now unless offsetMs is given)',
      params: s.IdParams,
      body: s.NewInjectInput,
      response: { 201: s.InjectView },
    },
    handler: async (req, reply) => reply.status(201).send(await mselService.addInject(db, requireActor(req), req.params.id, req.body)),
  });
  r.get('/exercises/:id/injects/:injectId', {
    schema: { tags, summary: 'One inject', params: s.InjectParams, response: { 200: s.InjectView } },
    handler: async (req) => mselService.getInject(db, requireActor(req), req.params.id, req.params.injectId),
  });
  r.patch('/exercises/:id/injects/:injectId', {
    schema: {
      tags,
      summary: 'Change an inject that has not fired',
      params: s.InjectParams,
      body: s.InjectPatch,
      response: { 200: s.InjectView },
    },
    handler: async (req) => mselService.updateInject(db, requireActor(req), req.params.id, req.params.injectId, req.body),
  });
  r.delete('/exercises/:id/injects/:injectId', {
    schema: { tags, summary: 'Remove an inject that has not fired', params: s.InjectParams },
    handler: async (req, reply) => {
      await mselService.deleteInject(db, requireActor(req), req.params.id, req.params.injectId);
      return reply.status(204).send();
    },
  });

  r.get('/exercises/:id/expectations', {
    schema: {
      tags,
      summary: 'Every expectation of the exercise',
      params: s.IdParams,
      response: { 200: z.object({ items: z.array(s.ExpectationView) }) },
    },
    handler: async (req) => mselService.listExpectations(db, requireActor(req), req.params.id),
  });
  r.post('/exercises/:id/injects/:injectId/expectations', {
    schema: {
      tags,
      summary: 'Add an expectation to an inject',
      params: s.InjectParams,
      body: s.ExpectationInput,
      response: { 201: s.ExpectationView },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await mselService.addExpectation(db, requireActor(req), req.params.id, req.params.injectId, req.body)),
  });
  r.patch('/exercises/:id/expectations/:expectationId', {
    schema: {
      tags,
      summary: 'Change an expectation',
      params: s.ExpectationParams,
      body: s.ExpectationPatch,
      response: { 200: s.ExpectationView },
    },
    handler: async (req) => mselService.updateExpectation(db, requireActor(req), req.params.id, req.params.expectationId, req.body),
  });
  r.delete('/exercises/:id/expectations/:expectationId', {
    schema: { tags, summary: 'Remove an expectation', params: s.ExpectationParams },
    handler: async (req, reply) => {
      await mselService.deleteExpectation(db, requireActor(req), req.params.id, req.params.expectationId);
      return reply.status(204).send();
    },
  });

  await app.register(runRoutes);
  await app.register(checkRoutes);
  await app.register(cardRoutes);
  await app.register(streamRoutes);
}
