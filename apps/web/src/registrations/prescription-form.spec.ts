import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS } from '@catalogue/contracts';
import {
  emptyPrescriptionForm,
  fieldOfApiParameter,
  prescriptionRequest,
  validatePrescription,
  type PrescriptionForm,
} from './prescription-form.js';

const valid = (over: Partial<PrescriptionForm> = {}): PrescriptionForm => ({
  ...emptyPrescriptionForm('s1'),
  firstName: ' Camille ',
  lastName: 'Martin',
  email: 'camille.martin@exemple.fr',
  communeInsee: '26362',
  situation: 'rsa',
  ageBand: '26-44',
  consent: true,
  consentHow: 'oral',
  ...over,
});

describe('the referent’s form to register a person', () => {
  it('accepts a complete form and sends the minimum about the person', () => {
    assert.deepEqual(validatePrescription(valid(), true), {});
    assert.deepEqual(prescriptionRequest(valid()), {
      sessionId: 's1',
      person: {
        firstName: 'Camille',
        lastName: 'Martin',
        email: 'camille.martin@exemple.fr',
        phone: null,
        communeInsee: '26362',
        situation: 'rsa',
        ageBand: '26-44',
        sex: 'unspecified',
      },
      consent: { obtained: true, how: 'oral' },
      message: null,
    });
  });

  it('names every missing field of an empty form, the session when the offer has some', () => {
    const errors = validatePrescription(emptyPrescriptionForm(), true);
    assert.deepEqual(Object.keys(errors).sort(), [
      'ageBand',
      'commune',
      'consent',
      'email',
      'firstName',
      'lastName',
      'sessionId',
      'situation',
    ]);
    assert.equal(validatePrescription(valid({ sessionId: '' }), false).sessionId, undefined);
  });

  it('needs an email or a mobile (the shared rule), either one is enough', () => {
    assert.match(
      validatePrescription(valid({ email: '', phone: '' }), true).email!,
      /adresse électronique ou un numéro/,
    );
    assert.deepEqual(validatePrescription(valid({ email: '', phone: '06 12 34 56 78' }), true), {});
    assert.deepEqual(prescriptionRequest(valid({ email: ' ', phone: '06 12 34 56 78' })).person!.email, null);
  });

  it('checks the form of the email and the phone, and the lengths of the API', () => {
    assert.ok(validatePrescription(valid({ email: 'camille@' }), true).email);
    assert.ok(validatePrescription(valid({ phone: 'abc' }), true).phone);
    assert.ok(
      validatePrescription(valid({ firstName: 'x'.repeat(LIMITS.registration.firstName + 1) }), true).firstName,
    );
    assert.ok(validatePrescription(valid({ message: 'x'.repeat(LIMITS.registration.message + 1) }), true).message);
  });

  it('refuses without the consent, then asks how it was obtained', () => {
    assert.ok(validatePrescription(valid({ consent: false }), true).consent);
    const errors = validatePrescription(valid({ consentHow: '' }), true);
    assert.deepEqual(Object.keys(errors), ['consentHow']);
  });

  it('brings the API’s field names back to the form', () => {
    assert.equal(fieldOfApiParameter('consent'), 'consent');
    assert.equal(fieldOfApiParameter('consent.how'), 'consentHow');
    assert.equal(fieldOfApiParameter('person.communeInsee'), 'commune');
    assert.equal(fieldOfApiParameter('person.email'), 'email');
    assert.equal(fieldOfApiParameter('sessionId'), 'sessionId');
    assert.equal(fieldOfApiParameter('person'), 'firstName');
    assert.equal(fieldOfApiParameter('slug'), null);
    assert.equal(fieldOfApiParameter(undefined), null);
  });
});
